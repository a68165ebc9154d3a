import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

/**
 * Where the connector keeps its API credential once it has rotated it. The configured secret is
 * only the starting point: after a rotation the platform knows only the new secret (the old one
 * works for a grace period), so the new one must outlive the process. Implementations must not
 * log what they hold.
 */
export interface StoredCredential {
  clientId: string;
  clientSecret: string;
  /** ISO 8601, as the platform reported it. */
  expiresAt?: string;
}

export interface CredentialStore {
  load(): Promise<StoredCredential | undefined>;
  save(credential: StoredCredential): Promise<void>;
}

/** For tests and single-process use: a rotated secret is lost on restart (the config's is used again until it expires). */
export class MemoryCredentialStore implements CredentialStore {
  constructor(private credential?: StoredCredential) {}
  async load(): Promise<StoredCredential | undefined> {
    return this.credential && { ...this.credential };
  }
  async save(credential: StoredCredential): Promise<void> {
    this.credential = { ...credential };
  }
}

const storedSchema = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1), expiresAt: z.string().optional() });

/** A JSON file readable by its owner only, replaced atomically, so every worker on the host uses the newest secret. */
export class FileCredentialStore implements CredentialStore {
  constructor(private readonly file: string) {}

  async load(): Promise<StoredCredential | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const parsed = storedSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`credential file ${this.file} is not a stored credential (${parsed.error.issues[0].path.join('.')})`);
    return parsed.data;
  }

  async save(credential: StoredCredential): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(credential), { mode: 0o600 });
    await chmod(temp, 0o600);
    await rename(temp, this.file);
  }
}
