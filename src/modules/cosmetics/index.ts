import { Module } from "@medusajs/framework/utils"
import CosmeticsModuleService from "./service"

export const COSMETICS_MODULE = "cosmetics"

export default Module(COSMETICS_MODULE, {
  service: CosmeticsModuleService,
})
