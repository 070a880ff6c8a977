// The project's Cockpit configuration. It replaces the config.js of Camunda's webjar
// (camunda-webapp-webjar 7.24.0), in which every setting was commented out, so Cockpit keeps its
// defaults for everything not set here.
export default {
  // Camunda takes the first part of the browser's language (zh-CN -> zh) and uses it when it is
  // listed here; any other language gets English. locales/zh.json is the project's own translation,
  // and its dateLocales give the Chinese date formats (Cockpit's own formats are moment.js tokens:
  // 'LL' reads 2026年5月12日, 'LLLL' 2026年5月12日星期二 14:30).
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  }
};
