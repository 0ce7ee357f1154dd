import type * as SmolToml from "smol-toml" with { "resolution-mode": "import" }

// smol-toml ships a CommonJS build (what jest loads), but its type
// declarations are ESM-only, so the types are imported as ESM explicitly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const smolToml: typeof SmolToml = require("smol-toml")

export const parseToml = smolToml.parse
