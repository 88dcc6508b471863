// The few parts of multer (installed with @nestjs/platform-express; @types/multer is not) this service uses.
declare module 'multer' {
  import type { Request, Response } from 'express';

  interface Limits {
    fileSize?: number;
    files?: number;
    fields?: number;
    fieldSize?: number;
  }
  interface StorageEngine {
    readonly _handleFile?: unknown;
  }
  type Middleware = (req: Request, res: Response, callback: (error?: unknown) => void) => void;
  interface Multer {
    single(field: string): Middleware;
  }
  interface MulterFactory {
    (options: { storage?: StorageEngine; limits?: Limits; defParamCharset?: string }): Multer;
    memoryStorage(): StorageEngine;
    MulterError: new (code: string, field?: string) => Error & { code: string; field?: string };
  }
  const multer: MulterFactory;
  export default multer;
}
