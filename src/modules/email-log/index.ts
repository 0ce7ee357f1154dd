import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import EmailLogNotificationService from "./service"

export default ModuleProvider(Modules.NOTIFICATION, {
  services: [EmailLogNotificationService],
})
