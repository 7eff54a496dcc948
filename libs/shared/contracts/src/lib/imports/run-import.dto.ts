import { ImportSettingsDto } from './import-settings.dto';

/** `POST /imports/:id/run`: imports every row with this mapping, in the background. */
export class RunImportDto extends ImportSettingsDto {}
