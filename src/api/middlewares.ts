import { defineMiddlewares } from "@medusajs/framework/http"
import { throttleAuth } from "./auth-throttle/middleware"
import { storeCache } from "./caching/store-cache"
import { storeResponseCache } from "./caching/store-response-cache"
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
    {
      // Without a method Medusa registers this ahead of every /store route,
      // after its publishable-key, locale and customer-auth middlewares.
      matcher: "/store",
      middlewares: [storeResponseCache(storeCache)],
    },
    // Password guessing (limits: src/config/auth-throttle.ts), for staff (user) and customers alike.
    { matcher: "/auth/:actor/emailpass", method: ["POST"], middlewares: [throttleAuth("login")] },
    { matcher: "/auth/:actor/emailpass/reset-password", method: ["POST"], middlewares: [throttleAuth("reset")] },
    { matcher: "/auth/:actor/emailpass/update", method: ["POST"], middlewares: [throttleAuth("update")] },
  ],
})
