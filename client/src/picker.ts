// A combobox that searches as you type, in Chinese, English or pinyin. It only matches
// names; which items it offers is the caller's business.
import { h } from './dom';
import { namePair, nameEl } from './names';
import { t } from './messages';

export interface PickItem {
  id: string;
  name?: string | null;
  nameZh?: string | null;
  aliases?: string[] | null;
  pinyin?: string | null;
  note?: string;
}

export interface Picker {
  el: HTMLElement;
  value(): string | undefined;
  set(id: string | undefined): Promise<void>;
  refresh(): void;
}

let counter = 0;

function matches(item: PickItem, text: string): boolean {
  const needle = text.trim().toLowerCase().replace(/\s+/g, '');
  if (!needle) return true;
  return [item.id, item.name, item.nameZh, item.pinyin, ...(item.aliases ?? [])].some(
    (v) => v && v.toLowerCase().replace(/\s+/g, '').includes(needle),
  );
}

export function picker(opts: {
  label: () => string;
  items: () => PickItem[] | Promise<PickItem[]>;
  testid: string;
  onChange?: (id: string | undefined) => void;
}): Picker {
  const id = `picker-${++counter}`;
  let chosen: PickItem | undefined;
  let offered: PickItem[] = [];
  let active = -1;
  const label = h('label', { for: id }, opts.label());
  const input = h('input', {
    id,
    type: 'text',
    role: 'combobox',
    autocomplete: 'off',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': `${id}-list`,
    placeholder: t('askPickerHint'),
    dataset: { testid: opts.testid },
  });
  const list = h('ul', { id: `${id}-list`, role: 'listbox', class: 'picker-list', hidden: true });
  const el = h('div', { class: 'picker' }, label, input, list);

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  };
  const choose = (item: PickItem | undefined) => {
    chosen = item;
    input.value = item ? namePair(item).filter(Boolean).join(' · ') : '';
    close();
    opts.onChange?.(item?.id);
  };
  const render = async () => {
    const all = await opts.items();
    const text = input.value;
    offered = all.filter((item) => matches(item, text)).slice(0, 30);
    list.replaceChildren(
      ...(offered.length
        ? offered.map((item, i) =>
            h(
              'li',
              {
                role: 'option',
                id: `${id}-o${i}`,
                'aria-selected': String(i === active),
                class: i === active ? 'active' : '',
                dataset: { id: item.id },
                onmousedown: (ev: Event) => {
                  ev.preventDefault();
                  choose(item);
                },
              },
              nameEl(item),
              item.note ? h('span', { class: 'note' }, item.note) : null,
            ),
          )
        : [h('li', { class: 'none' }, t('pickerNoMatch', { text }))]),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    input.setAttribute('aria-activedescendant', active >= 0 ? `${id}-o${active}` : '');
  };
  input.addEventListener('input', () => {
    chosen = undefined;
    active = -1;
    void render();
  });
  input.addEventListener('focus', () => {
    input.select();
    void render();
  });
  input.addEventListener('blur', () => {
    close();
    if (!chosen && offered.length === 1) choose(offered[0]);
    else if (chosen) input.value = namePair(chosen).filter(Boolean).join(' · ');
  });
  input.addEventListener('keydown', (ev) => {
    if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      if (list.hidden) void render();
      active = Math.max(0, Math.min(offered.length - 1, active + (ev.key === 'ArrowDown' ? 1 : -1)));
      void render();
    } else if (ev.key === 'Enter' && !list.hidden && offered.length) {
      ev.preventDefault();
      choose(offered[Math.max(active, 0)]);
    } else if (ev.key === 'Escape') close();
  });

  return {
    el,
    value: () => chosen?.id,
    async set(value) {
      if (!value) return choose(undefined);
      const item = (await opts.items()).find((i) => i.id === value);
      chosen = item ?? { id: value };
      input.value = item ? namePair(item).filter(Boolean).join(' · ') : value;
    },
    refresh() {
      label.textContent = opts.label();
      input.placeholder = t('askPickerHint');
      if (chosen) input.value = namePair(chosen).filter(Boolean).join(' · ');
    },
  };
}
