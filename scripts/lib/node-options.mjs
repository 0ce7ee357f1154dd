// @ts-check
/**
 * The heap ceiling the start scripts give Medusa. Without one V8 lets the old
 * generation grow to a quarter of the machine's memory before it collects in
 * earnest: under `npm run bench`'s load the server's RSS went from 430 to
 * about 1,100 MiB, which Railway bills. With 448 MiB of old generation it
 * stayed near 540 MiB at the same cart throughput; 384 MiB cost a quarter of
 * the cart throughput. An operator's own --max-old-space-size in
 * NODE_OPTIONS (a bigger Railway plan) is kept as it is.
 */
export const HEAP_MIB = 448

/**
 * NODE_OPTIONS for Medusa: the caller's, with the heap ceiling added unless they set one.
 * @param {string | undefined} nodeOptions
 * @returns {string}
 */
export function withHeapCeiling(nodeOptions) {
  const given = (nodeOptions ?? "").trim()
  if (/--max-old-space-size[= ]/.test(given)) return given
  return [given, `--max-old-space-size=${HEAP_MIB}`].filter(Boolean).join(" ")
}
