export const i18n = { t: (key) => key };
