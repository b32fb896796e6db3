// The language offer's words in Simplified Chinese (language-messages.js,
// key for key): shown on a page in another language to a reader who prefers
// Chinese (language.js), so written in Chinese.

export const messages = {
  language: {
    region: "本页的简体中文版",
    offer: "本页也有简体中文版。",
    open: "阅读中文版",
    dismiss: "不用了，谢谢",
  },
};
