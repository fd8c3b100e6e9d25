package io.edgeladder.agent.transport.spool;

/** When the spool forces its writes to the disk. */
public enum FsyncPolicy {
  /** After every record and every acknowledgement: nothing spooled is lost on power loss; slowest. */
  ALWAYS,
  /** At most once per interval (and on close): a power loss may cost the last interval's records. */
  INTERVAL,
  /** Left to the OS: survives a process crash (the page cache is the kernel's), not a power loss. */
  NEVER
}
