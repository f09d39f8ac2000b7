// Keyboard shortcuts of the explorer: / search, a ask, g gaps, t table, l language, f fit, Esc clear.
export interface KeyActions {
  search(): void;
  ask(): void;
  gaps(): void;
  table(): void;
  language(): void;
  fit(): void;
  clear(): void;
}

export function bindKeys(actions: KeyActions): void {
  document.addEventListener('keydown', (ev) => {
    const target = ev.target as HTMLElement;
    if (ev.ctrlKey || ev.metaKey || ev.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable) return;
    const byKey: Record<string, () => void> = {
      '/': actions.search,
      a: actions.ask,
      g: actions.gaps,
      t: actions.table,
      l: actions.language,
      f: actions.fit,
      Escape: actions.clear,
    };
    const action = byKey[ev.key];
    if (action) {
      ev.preventDefault();
      action();
    }
  });
}
