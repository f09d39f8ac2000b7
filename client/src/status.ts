// Loading, empty and error states, the same everywhere.
import { ApiError } from './api';
import { h } from './dom';
import { t } from './messages';

export function loadingEl(): HTMLElement {
  return h(
    'p',
    { class: 'state state-loading', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'spinner', 'aria-hidden': 'true' }),
    t('loading'),
  );
}

export function emptyEl(message: string): HTMLElement {
  return h('p', { class: 'state state-empty', role: 'status' }, message);
}

export function errorEl(error: unknown, retry?: () => void): HTMLElement {
  const code = error instanceof ApiError ? error.code : 'CLIENT_ERROR';
  const message = error instanceof ApiError && error.code === 'NETWORK' ? t('errorNetwork') : error instanceof Error ? error.message : String(error);
  return h(
    'div',
    { class: 'state state-error', role: 'alert', dataset: { testid: 'error' } },
    h('strong', {}, `${t('errorPrefix')} `),
    h('code', {}, code),
    h('p', {}, message),
    retry ? h('button', { type: 'button', onclick: retry }, t('errorRetry')) : null,
  );
}
