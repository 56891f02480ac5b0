/**
 * JSON for the body of an inline `<script type="application/json">`: every
 * `<`, `>` and `&` is written as a \u escape, so no `</script` or `<!--` can
 * appear and the HTML parser never leaves the script element early; U+2028 and
 * U+2029 are escaped too so the text is also a valid JavaScript literal.
 * Non-finite numbers become null (as JSON.stringify does).
 *
 * @example jsonForScript({ a: '</script>' }) // '{"a":"\\u003c/script\\u003e"}'
 */
export function jsonForScript(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
