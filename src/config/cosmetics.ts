import type { ModuleDeclaration } from "./modules"

/**
 * The cosmetics data every product carries (EU Cosmetics Regulation art. 19,
 * src/modules/cosmetics), in every mode: the server saves and serves it, the
 * worker's subscribers read it. The path is relative to the project root,
 * which is .medusa/server in a build.
 */
export const cosmeticsModule = (): ModuleDeclaration => ({ resolve: "./src/modules/cosmetics" })
