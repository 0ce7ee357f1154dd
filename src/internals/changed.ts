/**
 * The one error line a piece of this folder logs at start-up when what it relies on in Medusa or a library is
 * missing or no longer has the shape it expects, before it falls back to the upstream behaviour.
 */
export function internalChangedLine(name: string, expected: string, found: string, consequence: string): string {
  return `[internals] ${name} has changed: expected ${expected}; found ${found}. Falling back: ${consequence} (docs/upgrading-medusa.md)`
}

export function logInternalChanged(
  name: string,
  expected: string,
  found: string,
  consequence: string,
  log: (line: string) => void = (line) => console.error(line)
): void {
  log(internalChangedLine(name, expected, found, consequence))
}
