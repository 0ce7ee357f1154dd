/** One entry of Medusa's `modules` array, as the config pieces declare them. */
export interface ModuleDeclaration {
  key?: string
  resolve: string
  options?: Record<string, unknown>
  /** Keys of Medusa's container the module resolves besides its own (e.g. "query"). */
  dependencies?: string[]
}
