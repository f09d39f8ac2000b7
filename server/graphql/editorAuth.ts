// Who may write. The public API is read-only; editors send `Authorization: Bearer <token>`
// with either the shared editor token or a JWT (HS256) whose `roles` include "editor".
import { timingSafeEqual } from 'node:crypto';
import { jwtVerify } from 'jose';
import type { Config } from '../config.js';

export interface Editor {
  /** Who wrote, for logs: the JWT subject, or "token". */
  name: string;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export async function editorFromHeader(header: string | undefined, config: Pick<Config, 'editorToken' | 'jwtSecret'>): Promise<Editor | undefined> {
  const token = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (!token) return undefined;
  if (config.editorToken && sameSecret(token, config.editorToken)) return { name: 'token' };
  if (config.jwtSecret) {
    try {
      const { payload } = await jwtVerify(token, new TextEncoder().encode(config.jwtSecret), { algorithms: ['HS256'] });
      const roles = Array.isArray(payload.roles) ? payload.roles : [];
      if (roles.includes('editor')) return { name: String(payload.sub ?? 'jwt') };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
