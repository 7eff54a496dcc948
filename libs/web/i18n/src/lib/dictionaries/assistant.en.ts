import type { assistantRu } from './assistant.ru';
import type { DictionaryShape } from './dictionary';

/** The assistant's texts (side sheet, page, the client's recommendations). */
export const assistantEn: DictionaryShape<typeof assistantRu> = {
  assistant: {
    nav: 'Assistant',
    title: 'AI assistant',
    open: 'Open the assistant',
    openPage: 'Open full page',
    close: 'Close the assistant',
    subtitle: "Answers from the company's data and shows where the numbers come from",
    placeholder: 'Ask about revenue, clients, the forecast…',
    send: 'Ask',
    stop: 'Stop',
    thinking: 'Thinking…',
    newChat: 'New conversation',
    history: 'History',
    noHistory: 'No conversations yet',
    rename: 'Rename',
    renamePrompt: 'New conversation title',
    delete: 'Delete conversation',
    deleted: 'Conversation deleted',
    suggestions: 'You can ask',
    steps: 'Steps',
    sources: 'Sources',
    chart: 'Chart',
    forecast: 'forecast',
    modeOffline: 'No model: built-in planner',
    modeModel: 'Model: {model}',
    you: 'You',
    assistant: 'Assistant',
    error: 'Could not get an answer. Please try again.',
    tooLong: 'At most {max} characters',
    proposal: {
      add_note: 'Add a note to {client}',
      add_interaction: 'Record an interaction with {client}',
      confirm: 'Confirm',
      cancel: 'Cancel',
      confirmed: 'Done',
      cancelled: 'Cancelled',
    },
    recommendations: {
      title: 'AI assistant recommendations',
      empty: 'Nothing to recommend yet: too little data on this client.',
      failed: 'Could not load the recommendations',
    },
  },
};
