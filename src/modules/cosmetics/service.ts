import { MedusaService } from "@medusajs/framework/utils"
import CosmeticLabel from "./models/cosmetic-label"

/** Medusa's generated CRUD for the cosmetics data; the rules live in ./rules.ts and the workflows. */
export default class CosmeticsModuleService extends MedusaService({ CosmeticLabel }) {}
