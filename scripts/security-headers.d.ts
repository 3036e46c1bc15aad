// Types of scripts/security-headers.js (imported by web/vite.config.ts).
export declare const SECURITY_HEADERS: Readonly<Record<string, string>>;
