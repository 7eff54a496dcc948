export interface AssistantToolGeneratorSchema {
  /** Kebab-case: `new-clients` (the model sees `new_clients`). */
  name: string;
  description?: string;
  skipFormat?: boolean;
}
