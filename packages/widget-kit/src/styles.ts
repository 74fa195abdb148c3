const adopted = new WeakMap<Document | ShadowRoot, Set<string>>();

/**
 * Puts a widget's CSS where its element lives: adopted into the shadow root (embed.js), or one
 * `<style>` in the document head (React hosts). Every rule sits under `.fw-root`, so nothing
 * leaks into the host page either way. Idempotent per root and widget.
 */
export function adoptStyles(root: Node, id: string, css: string) {
  const target = root instanceof ShadowRoot ? root : (root.ownerDocument ?? (root as Document));
  const done = adopted.get(target) ?? new Set<string>();
  if (done.has(id)) return;
  done.add(id);
  adopted.set(target, done);
  if (target instanceof ShadowRoot && 'adoptedStyleSheets' in target) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement('style');
  style.dataset.fwStyles = id;
  style.textContent = css;
  (target instanceof ShadowRoot ? target : target.head).append(style);
}
