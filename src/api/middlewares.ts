import { allowFields, defineMiddlewares, validateAndTransformBody } from "@medusajs/framework/http"
import { AdminSetProductCosmetics } from "./admin/products/[id]/cosmetics/validators"
import { authThrottle } from "./middlewares/auth-throttle/middleware"
import { answeringStoreCache, storeCache, storeCacheKey } from "./middlewares/caching/store-cache"
import { storeResponseCache } from "./middlewares/caching/store-response-cache"
import { categoryNotFound } from "./middlewares/hardening/category-not-found"
import { clientAwareErrorHandler } from "./middlewares/hardening/error-handler"
import { jsonNotFound } from "./middlewares/hardening/not-found"
import { paymentCollectionExists } from "./middlewares/hardening/payment-collection-exists"
import { requestSanity } from "./middlewares/hardening/request-sanity"
import { verifyStripeSignature } from "./middlewares/stripe-signature/verify-stripe-signature"

// Middlewares without a method are registered ahead of every route under their
// path, in this order, after Medusa's body parser and its publishable-key,
// locale and auth middlewares.
export default defineMiddlewares({
  errorHandler: clientAwareErrorHandler,
  routes: [
    {
      // Medusa's webhook route; only Stripe's provider takes webhooks here.
      matcher: "/hooks/payment/:provider",
      method: ["POST"],
      bodyParser: { preserveRawBody: true },
      middlewares: [verifyStripeSignature],
    },
    {
      matcher: "/store",
      middlewares: [requestSanity("store"), storeResponseCache(storeCache, storeCacheKey, answeringStoreCache)],
    },
    { matcher: "/admin", middlewares: [requestSanity("admin")] },
    // A product's cosmetics data (src/links/product-cosmetics.ts) for storefronts: fields=+cosmetics.*
    // Without a method: given one, it runs after the route's own query validation, too late to widen its fields.
    { matcher: "/store/products", middlewares: [allowFields("cosmetics", "cosmetics.*")] },
    {
      matcher: "/admin/products/:id/cosmetics",
      method: ["POST"],
      middlewares: [validateAndTransformBody(AdminSetProductCosmetics)],
    },
    { matcher: "/static", middlewares: [jsonNotFound] },
    { matcher: "/store/product-categories/:id", method: ["GET"], middlewares: [categoryNotFound] },
    {
      matcher: "/store/payment-collections/:id/payment-sessions",
      method: ["POST"],
      middlewares: [paymentCollectionExists],
    },
    // Password guessing, for staff (user) and customers alike, by every method and spelling that reaches
    // Medusa's auth routes (src/api/middlewares/auth-throttle/auth-route.ts; limits: src/config/auth-throttle.ts).
    { matcher: "/auth", middlewares: [authThrottle] },
  ],
})
