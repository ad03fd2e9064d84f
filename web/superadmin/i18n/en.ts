import { salesEn } from '../features/sales/i18n';
import type { SuperadminStrings } from './ko';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const en: Strings<SuperadminStrings> = {
  ...salesEn,
  app: { brand: 'TableOrder', title: 'Headquarters' },
  signIn: {
    subtitle: 'Sign in with the super-admin account.',
  },
  stores: {
    title: 'Stores',
    subtitle: 'Every store run on this installation.',
    add: 'Add store',
    addTitle: 'Add a store',
    editTitle: 'Edit “{{name}}”',
    none: 'No stores yet.',
    code: 'Store code',
    codeHint: 'Typed on tablets and by staff to sign in: 2–32 of a–z, 0–9 and -',
    name: 'Store name',
    timezone: 'Time zone',
    state: 'State',
    created: 'Created',
    actions: 'Manage',
    admins: 'Accounts',
    active: 'Active',
    inactive: 'Inactive',
    activeLabel: 'Active',
    activeHint: 'Staff and tablets of an inactive store cannot sign in.',
    deactivate: 'Deactivate',
    activate: 'Activate again',
    deactivateTitle: 'Deactivate “{{name}}”',
    deactivateText: 'Staff and tablets of this store will no longer be able to sign in. Its data stays.',
    activateTitle: 'Activate “{{name}}” again',
    activateText: 'Staff and tablets of this store will be able to sign in again.',
    createdToast: 'Store “{{name}}” created. Now add its owner account.',
    errors: {
      code: 'Store codes are 2–32 of a–z, 0–9 and -.',
      name: 'Store names are 1–100 characters.',
      timezone: 'Choose a time zone such as Asia/Seoul.',
      duplicate: 'That store code is already taken.',
    },
  },
  admins: {
    title: '{{name}} accounts',
    titleUnknown: 'Store accounts',
    storeCode: 'Store code {{code}}',
    back: '← Stores',
    add: 'Add account',
    none: 'No accounts yet. Create the owner’s account first.',
    inactiveStore: 'This store is inactive; its accounts cannot sign in.',
    deleteTitle: 'Delete {{username}}',
    deleteText: 'This account will no longer be able to sign in. A store always keeps at least one owner.',
    deleteLastOwnerText: 'This is the store’s only owner account and cannot be deleted. Create another owner first.',
  },
};
