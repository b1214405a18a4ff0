/**
 * A copy of `text` that does not keep alive the document it was read from, for the caches that
 * outlive a document (per catalog, by value).
 *
 * V8 makes a substring of 13 characters or more a view into its parent string, so a value read
 * from a policy (an action, an ARN, a condition key) holds the policy's whole text for as long as
 * it is kept, and so do the strings cut from it in turn. Before these caches kept copies, a check
 * of the 1,594 AWS managed policies ended with 4 MB more of their texts alive (which the
 * young-generation collector had copied twice each), and a language server kept the texts of
 * closed documents.
 *
 * `' ' + text` is a rope; slicing it makes V8 flatten the rope into a new string, and the result
 * views that string, not the document.
 */
export function detached(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
