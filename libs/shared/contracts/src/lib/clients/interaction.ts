export const INTERACTION_TYPES = ['call', 'email', 'meeting', 'message', 'purchase', 'other'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];
