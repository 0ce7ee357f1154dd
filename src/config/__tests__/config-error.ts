import { ConfigError } from "../errors"

/** Runs fn and returns the ConfigError it throws; fails the test otherwise. */
export function errorOf(fn: () => unknown): ConfigError {
  try {
    fn()
  } catch (e) {
    if (e instanceof ConfigError) {
      return e
    }
    throw e
  }
  throw new Error("expected a ConfigError")
}
