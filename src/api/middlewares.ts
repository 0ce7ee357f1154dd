import { defineMiddlewares } from "@medusajs/framework/http"
import { verifyStripeSignature } from "./hooks/verify-stripe-signature"

export default defineMiddlewares({
  routes: [
    {
      // Medusa's webhook route; the guard acts on Stripe's provider only.
      matcher: "/hooks/payment/:provider",
      method: ["POST"],
      bodyParser: { preserveRawBody: true },
      middlewares: [verifyStripeSignature],
    },
  ],
})
