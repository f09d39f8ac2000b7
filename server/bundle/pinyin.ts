// The pinyin of a Chinese name, so "fengxianbin" finds 冯献彬: no tones, no spaces,
// lowercase, ü written v (as people type it).
import { pinyin } from 'pinyin-pro';

export function pinyinOf(chinese: string): string {
  return pinyin(chinese, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
