/**
 * The assistant's configuration from the environment, validated when the module starts.
 *
 * | variable | meaning |
 * | --- | --- |
 * | `OPENAI_API_KEY` | OpenAI key; with it the agent uses `OPENAI_MODEL` |
 * | `OPENAI_MODEL` | model name (default `gpt-4o-mini`) |
 * | `OPENAI_BASE_URL` | any OpenAI-compatible server (Ollama, vLLM, LM Studio, a gateway); the key may then be omitted |
 * | `OPENAI_STREAMING` | `false` asks the server for whole completions instead of streamed ones (default `true`) |
 * | `ASSISTANT_RATE_LIMIT` | questions per user and company a minute (default 20) |
 * | `ASSISTANT_MODEL_CALL_LIMIT`, `ASSISTANT_TOOL_CALL_LIMIT` | per run (default 6 and 10) |
 *
 * Without a key and a base URL the assistant answers offline with its deterministic planner.
 */
export interface AssistantConfig {
  model: { name: string; apiKey: string; baseUrl?: string; streaming: boolean } | null;
  rateLimitPerMinute: number;
  modelCallLimit: number;
  toolCallLimit: number;
  recursionLimit: number;
  /** ms a whole run may take. */
  runTimeoutMs: number;
}

export const ASSISTANT_CONFIG = Symbol('ASSISTANT_CONFIG');

function positive(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`Invalid configuration: ${name} must be a positive integer`);
  return n;
}

export function loadAssistantConfig(env: Record<string, string | undefined> = process.env): AssistantConfig {
  const apiKey = env['OPENAI_API_KEY']?.trim();
  const baseUrl = env['OPENAI_BASE_URL']?.trim();
  if (baseUrl && !/^https?:\/\//.test(baseUrl))
    throw new Error('Invalid configuration: OPENAI_BASE_URL must be an http(s) URL');
  const configured = Boolean(apiKey || baseUrl);
  return {
    model: configured
      ? {
          name: env['OPENAI_MODEL']?.trim() || 'gpt-4o-mini',
          apiKey: apiKey || 'not-needed',
          baseUrl: baseUrl || undefined,
          streaming: env['OPENAI_STREAMING']?.trim().toLowerCase() !== 'false',
        }
      : null,
    rateLimitPerMinute: positive(env, 'ASSISTANT_RATE_LIMIT', 20),
    modelCallLimit: positive(env, 'ASSISTANT_MODEL_CALL_LIMIT', 6),
    toolCallLimit: positive(env, 'ASSISTANT_TOOL_CALL_LIMIT', 10),
    recursionLimit: 25,
    runTimeoutMs: positive(env, 'ASSISTANT_RUN_TIMEOUT_MS', 120_000),
  };
}
