import { PRINTER_TYPES } from '../../../../shared/settings/printer-settings';
import type { FieldSpec } from './settings-form';

/** Settings → 小票打印机: the fields, in the order the cashier sets a printer up. */
export const PRINTER_FIELDS: readonly FieldSpec[] = [
  {
    path: 'printer.type',
    kind: 'choice',
    label: 'settings.printer.type',
    section: 'printer',
    choices: PRINTER_TYPES,
    choiceLabels: 'settings.printer.types',
  },
  {
    path: 'printer.address',
    kind: 'text',
    label: 'settings.printer.address',
    section: 'printer',
    help: 'settings.printer.addressHelp',
    invalid: 'settings.printer.addressInvalid',
  },
  {
    path: 'printer.deviceName',
    kind: 'text',
    label: 'settings.printer.deviceName',
    section: 'printer',
    help: 'settings.printer.deviceNameHelp',
  },
  {
    path: 'printer.paperWidth',
    kind: 'choice',
    label: 'settings.printer.paperWidth',
    section: 'printer',
    choices: ['58', '80'],
    choiceLabels: 'settings.printer.paperWidths',
    numeric: true,
  },
  { path: 'printer.copies', kind: 'int', label: 'settings.printer.copies', section: 'printer' },
  { path: 'printer.autoPrint', kind: 'bool', label: 'settings.printer.autoPrint', section: 'printer' },
  { path: 'printer.rushSlip', kind: 'bool', label: 'settings.printer.rushSlip', section: 'printer' },
  { path: 'printer.shopName', kind: 'text', label: 'settings.printer.shopName', section: 'printer' },
];
