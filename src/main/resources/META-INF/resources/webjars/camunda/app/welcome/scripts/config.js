// The project's configuration of Camunda's welcome page. It replaces the config.js of Camunda's
// webjar (camunda-webapp-webjar 7.24.0), in which every setting was commented out.
export default {
  // Camunda takes the first part of the browser's language (zh-CN -> zh) and uses it when it is
  // listed here; any other language gets English. locales/zh.json is the project's own translation.
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  }
};
