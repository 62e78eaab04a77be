/** Where document bytes live: R2 on Workers, a folder on Node. Keys are '/'-separated paths. */
export interface BlobStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
}
