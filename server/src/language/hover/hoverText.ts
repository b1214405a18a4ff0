/** What a hover provider answers before it becomes an LSP Hover: markdown, and the text it is about. */
export interface HoverText {
  readonly markdown: string;
  /** Offsets of the part hovered; the whole string token when absent. */
  readonly start?: number;
  readonly end?: number;
}
