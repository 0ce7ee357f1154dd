/** Where the drills' shop listens: beside the e2e suite's (19200…) and the deploy rehearsal's (19100…). */
export const DRILL_PORTS = {
  server: 19300,
  worker: 19301,
  /** A second worker or a new server a drill starts beside the first. */
  secondWorker: 19302,
  newServer: 19303,
}

/** The drills' own redis-server, on a fixed port so a restarted one is found where the shop expects it. */
export const REDIS_PORT = 19379

/** The drills' pooler listens here on 6543, the port Supabase's transaction pooler uses. */
export const POOLER_HOST = "127.0.0.3"
