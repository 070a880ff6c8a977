// The project's Tasklist configuration. It replaces the config.js of Camunda's webjar
// (org.camunda.bpm.webapp:camunda-webapp-webjar 7.24.0), whose settings were all commented out
// except the keyboard shortcuts, which are kept here with the same keys.
export default {
  // the links to My trips (我的出访) and the disclosure board in Tasklist's header; the office's
  // notice of a working-day calendar that is not loaded
  customScripts: ['scripts/my-trips-link', 'scripts/calendar-notice'],

  // Camunda takes the first part of the browser's language (zh-CN -> zh) and uses it when it is
  // listed here; any other language gets English. locales/zh.json is the project's own translation.
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  },

  // Tasklist's date formats, as moment.js tokens: each language's own shapes come from the
  // dateLocales of its locale file, so in Chinese 'LLL' reads 2026年5月12日 14:30 and 'LL' 2026年5月12日.
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'lll',
    normal: 'LLL',
    long: 'LLLL',
    short: 'LL'
  },

  // the keyboard shortcuts that Tasklist ships with; the descriptions are shown in its help dialog
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领选中的任务 Claim the selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '转到第一个过滤器 Go to the first filter'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '转到列表中的第一个任务 Go to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '转到任务表单的第一个输入框 Go to the first field of the task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开发起流程对话框 Open the start process dialog'
    }
  }
};
