/** Only same-app paths: `/api-keys` yes, `//evil.example` or `https://…` no. */
export function safeReturnUrl(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
