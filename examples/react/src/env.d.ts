/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The 800ing server's address (`.env`; an environment variable of the same name wins). */
  readonly VITE_VOIP_SERVER: string;
}
