// The project's Admin configuration. It replaces the config.js of Camunda's webjar
// (camunda-webapp-webjar 7.24.0), in which every setting was commented out, so Admin keeps its
// defaults for everything not set here.
export default {
  // Camunda takes the first part of the browser's language (zh-CN -> zh) and uses it when it is
  // listed here; any other language gets English. locales/zh.json is the project's own translation,
  // and its dateLocales give the Chinese date formats.
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  },

  // the dashboard section that says which engine runs and how long it is supported
  customScripts: ['scripts/engine-support']
};
