// The project's configuration of Camunda's welcome page. It replaces the config.js of Camunda's
// webjar (camunda-webapp-webjar 7.24.0), in which every setting was commented out.
export default {
  // Camunda takes the first part of the browser's language (zh-CN -> zh) and uses it when it is
  // listed here; any other language gets English. locales/zh.json is the project's own translation.
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  },

  // the links section: My trips for applicants, the units' disclosure board, and Camunda's own link to its documentation, which
  // these links replace otherwise (its label and description are keys of the locale files)
  links: [
    {
      label: '我的出访 My trips',
      href: '/trips/',
      description: '申请人查看自己的出访申请,出发前撤回 Applicants: your trips, and withdrawing one before departure'
    },
    {
      label: '公示栏 Disclosure board',
      href: '/disclosure/',
      description: '本单位出访的行前和回国公示,可提出异议 Your unit\'s trips in disclosure, and objecting to one'
    },
    {
      label: 'DOCUMENTATION',
      href: 'https://docs.camunda.org/manual/7.24/webapps/',
      description: 'DOCUMENTATION_DESCRIPTION'
    }
  ]
};
