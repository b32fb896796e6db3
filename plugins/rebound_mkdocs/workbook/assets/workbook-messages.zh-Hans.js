// Every sentence the workbook page's scripts show the reader (workbook.js,
// backup.js's page part backup-ui.js, storage-panel.js), in Simplified
// Chinese. It mirrors workbook-messages.js key for key, with the same
// function parameters, so the workbook can load either module by the page's
// language. Kept apart from page/messages.zh-Hans.js, which every article
// page loads, so those pages do not carry the workbook's text. Nothing here
// touches the DOM.
//
// Errors the Python worker reports come from there; a sentence here may wrap
// one, as `error` or `reason`.

// Chinese has no plural forms: a count is the number and its measure word,
// with no space between them ("3个日期").
const counted = (count, unit) => `${count}${unit}`;

export const messages = {
  // The workbook page (workbook.js, shipped by the workbook plugin).
  workbook: {
    status: { empty: "未开始", started: "已开始", complete: "已完成" },
    indexFailed: (status) => `练习表列表没有加载成功（${status}）`,
    pdfElsewhere: "本网站上没有PDF练习册",
    pdfFailed: (status) => `PDF练习册没有下载成功（${status}）`,
    loadingAnswers: "正在加载你的回答……",
    exportJson: "导出回答（.json）",
    exportMarkdown: "导出为Markdown（.md）",
    calendar: "下载日历文件（.ics）",
    filledPdf: "下载我填好的练习册（PDF）",
    chooseFile: "选择导出的文件（.json）",
    deleteAllButton: "删除我的全部回答",
    progressHeading: "你的进度",
    roundsHeading: "各轮的变化",
    roundsIntro:
      "你的感受、评分、收到的反馈和投递情况，从一轮到下一轮是怎样变化的。" +
      "每张图表下方都有一个列出数字的表格。",
    roundsLoading: "正在计算你的进度……",
    roundsEmpty: "还没有保存任何内容。开始填写后，你在各轮中的变化会显示在这里。",
    roundsFailed: (error) => `无法计算你的进度：${error}`,
    reminderLabel: "日历文件中的提醒",
    reminders: {
      none: "不提醒",
      "at-time": "事件开始时",
      "1h": "提前1小时",
      "1d": "提前1天",
      "2d": "提前2天",
    },
    takeAwayHeading: "带走你的回答",
    importHeading: "导入回答",
    importIntro: "导入会替换文件中每份练习表的回答。在替换任何内容之前，你会先看到有哪些变化。",
    deleteHeading: "删除回答",
    deleteIntro: "这会从这个浏览器中永久删除你的回答。",
    confirmTitle: "删除回答？",
    confirmDelete: "删除",
    cancel: "取消",
    overviewFailed: (error) =>
      `概览需要Python运行环境，但它没有加载成功（${error}）。你仍然可以在这里删除你的回答。`,
    stepLink: (page, title) => `${page}：${title}`,
    progressLabel: (title) => `${title}中已回答的问题`,
    deleteStep: "删除这些回答",
    deleteStepLabel: (title) => `删除你在${title}中的回答`,
    noOverview: "无法生成概览",
    total: ({ started, complete, answered, total }, count) =>
      `${count}份练习表中已开始${started}份，` +
      `已完成${complete}份；${total}个问题中已回答${answered}个。`,
    progress: (answered, total) => `${answered}/${total}`,
    stepProgress: (answered, total, status) => `已回答${answered}/${total}个问题（${status}）`,
    nothingSaved: "这个浏览器里还没有保存任何回答。从第一步开始，或者导入你之前导出的文件。",
    exportFailed: (reason) => `无法导出：${reason}`,
    nothingToExport: "还没有可以导出的回答。",
    exported: (filename) =>
      `你的回答已保存到下载文件夹中的文件${filename}。` +
      "里面是你自己写下的内容，请把它放在私密的地方。",
    lastExported: (date) => `上次导出于${date}。`,
    neverExported: "你还没有从这个浏览器导出过回答。",
    remind: (days) =>
      `你的回答有了变化，而上次导出已经是${days}天多以前（或者从未导出过）。` +
      "浏览器可能会删除网站保存的内容，所以导出的文件才是安全的备份。",
    remindExport: "现在导出回答（.json）",
    remindLater: "以后再说",
    remindedLater: (days) => `如果你的回答有变化，${days}天后会再次提醒你。`,
    calendarFailed: (reason) => `无法生成日历文件：${reason}`,
    noDates:
      "还没有可以添加的日期。请选择一个回顾日期、收到结果的日期，" +
      "或者学习计划的开始日期，然后再试一次。",
    calendarSaved: (events, filename) =>
      `已将${counted(events, "个日期")}保存到${filename}。` +
      "用你的日历应用打开它，就能添加这些日期。",
    nothingToFill:
      "这个浏览器里还没有保存任何回答，所以没有可以填写的内容。" + "本页上有空白PDF练习册的链接。",
    loadingPdfTools: "正在加载PDF工具（约0.4 MB，每次访问只加载一次）……",
    pdfToolsFailed: (error) => `PDF工具没有加载成功（${error}）`,
    filling: "正在填入你的回答……",
    notFilled: "无法填写这份PDF",
    noPdf: "没有生成PDF",
    filled: ({ filename, answers, worksheets, notes }) =>
      `你填好的练习册已保存到下载文件夹中的${filename}，` +
      `包含来自${counted(worksheets, "份练习表")}的${counted(answers, "条回答")}。` +
      `里面是你自己写下的内容，请把它放在私密的地方。${(notes ?? []).join("")}`.trim(),
    filledPdfFailed: (error) => `无法生成填好的PDF：${error}。你的回答仍然保存在这个浏览器中。`,
    // The same sentence as Python's (browser_py.workbook.exchange.too_large).
    tooLarge: (megabytes, limit) =>
      `文件太大了（${megabytes} MB）。Rebound最多只能导入${limit} MB的文件。`,
    exportLeftOut: (notes) => `有些回答无法读取，没有放进文件：${notes}`,
    framed:
      "导出、导入和删除回答的工具没有在这里显示，因为这个页面被嵌在另一个网站的页面里。" +
      "请在单独的标签页中打开本指南来使用它们。",
    checking: "正在检查文件……",
    notChecked: (reason) => `无法检查这个文件：${reason}`,
    unreadableFile: "无法读取这个文件。",
    notImported: (message) => `这个文件没有导入。${message}你的回答没有任何变化。`,
    checkHeading: "导入前请检查",
    replaces: "会替换你现在的回答",
    newRound: (label) => `新的一轮“${label}”：`,
    knownRound: (label) => `你的“${label}”这一轮：`,
    sharedChanges: "各轮共用：",
    isNew: "新增：你在这里还没有回答",
    change: (title, fields, what) => `${title}：${counted(fields, "个已回答的问题")}，${what}。`,
    previewItem: (label, text) => `${label}：${text}`,
    migrated: "这个文件来自旧版本的指南；其中的回答已更新为最新格式。",
    leftOut: "文件中有些部分不会导入：",
    replace: "用这些替换我的回答",
    importThese: "导入这些回答",
    importCancelled: "已取消导入。你的回答没有任何变化。",
    canImport: (count) => `这个文件可以导入：${counted(count, "份练习表")}。请检查列表并确认。`,
    notImportedStorage: (problem) => `没有导入任何内容：${problem}`,
    imported: (count) => `已导入${counted(count, "份练习表")}。`,
    confirmDeleteAll:
      "这会删除本指南在这个浏览器中为每一份练习表保存的所有回答。" +
      "此操作无法撤销；如果你以后可能还需要这些回答，请先导出。",
    confirmDeleteOne: (title) =>
      `这会从这个浏览器中删除你在“${title}”中的回答。此操作无法撤销；` +
      "如果你以后可能还需要这些回答，请先导出。",
    deleteAll: "删除全部回答",
    nothingDeleted: "没有删除任何内容。",
    notDeleted: (problem) => `没有删除任何内容：${problem}`,
    deletedAll: "你的全部回答已从这个浏览器中删除。",
    deletedOne: (title) => `你在“${title}”中的回答已删除。`,
  },
  // Passphrase-encrypted backups (workbook/assets/backup-ui.js).
  backup: {
    exportLabel: "用来加密.json导出文件的密码短语（可选）",
    exportNote:
      "加密的文件只能用它的密码短语打开。如果你忘了密码短语，任何人都无法打开或恢复这个文件。" +
      "留空则导出普通文件。",
    exported: (filename) =>
      `你的回答已加密保存到下载文件夹中的${filename}。导入时需要输入密码短语。`,
    encryptFailed: (reason) => `无法生成加密文件：${reason}`,
    found: "这个文件已加密。请输入它的密码短语来打开。",
    promptHeading: "这个文件已加密",
    promptIntro: "请输入导出时使用的密码短语。文件在这里打开，不会发送任何内容。",
    promptLabel: "密码短语",
    open: "打开文件",
    opening: "正在打开文件……",
    emptyPassphrase: "请先输入密码短语。",
    notOpened: (reason) => `文件没有打开。${reason}你的回答没有任何变化。`,
    problems: {
      wrongOrChanged: "密码短语不对，或者文件在导出后被修改过。请再试一次。",
      damaged: "文件不完整或已损坏。请试试你最初下载的那个文件。",
      unsupported: "这个文件是由更新版本的指南生成的，无法在这里打开。",
    },
  },

  // The storage panel on the workbook page (workbook/assets/storage-panel.js).
  storagePanel: {
    persistHeading: "这个浏览器会一直保留你的回答吗？",
    persisted:
      "会：这个浏览器同意保留本指南存储的内容，直到你删除为止，即使设备存储空间不足也不会删除。",
    notPersisted:
      "不一定：设备存储空间不足时，这个浏览器可能会删除本指南存储的内容；" +
      "有些浏览器（Safari）还会在几天没有访问后删除它。请不时导出你的回答，留一份副本。" +
      "添加到主屏幕的指南会保留得更久。",
    persistUnknown: "这个浏览器没有说明是否会保留本指南存储的内容。",
    heading: "这个浏览器中存储了什么",
    intro:
      "本指南在这个浏览器中保存的全部内容。与浏览器的计算方式一样，" +
      "名称和内容的每个字符按2字节计算（UTF-16）。",
    name: "名称",
    sizeLabel: "大小",
    savedLabel: "上次保存",
    none: "这个浏览器的本地存储中没有保存任何内容。",
    answers: (title) => `${title}的回答`,
    answersUnknown: (id) => "本指南中不存在的练习表的回答" + (id ? `（${id}）` : ""),
    setting: "你的自动删除回答设置",
    other: "由本指南保存",
    unknownTime: "未记录",
    size: (bytes) => `${bytes.toLocaleString("zh-Hans")}字节`,
    total: (bytes, count) => `共${counted(count, "项")}，总计${bytes}字节。`,
    deleteKey: "删除",
    deleteKeyLabel: (number, what) => `删除第${number}项：${what}`,
    deleteWorksheet: (title) => `删除${title}的全部内容`,
    roundGroup: (label) => `轮次：${label}`,
    roundNotIndexed: "轮次列表中缺失的一轮",
    roundAnswers: (label) => `${label}这一轮的回答`,
    deleteRound: "删除这一轮的回答",
    searchGroup: "各轮共用",
    searchNote: "投递记录表属于你的整个求职过程，而不属于某一轮：删除某一轮时，它会保留在这里。",
    otherGroup: "设置和其他条目",
    snapshotHeading: "Python快照",
    snapshot: (size) =>
      `已启动的Python运行环境的副本，能让小结更快出现（${size}，存放在Cache Storage中）。` +
      "它是在读取任何回答之前生成的，因此不包含任何回答。",
    noSnapshot: "这个浏览器中没有Python快照。",
    snapshotUnknown: "这个浏览器没有说明是否存储了Python快照。",
    deleteSnapshot: "删除Python快照",
    snapshotDeleted: "Python快照已删除。",
    siteFiles: (count) =>
      `离线服务（Service Worker）保存了本网站的${counted(count, "个文件")}，供离线使用；` +
      "其中没有任何你的回答。",
    estimate: (megabytes) => `本网站在这里总共使用了约${megabytes} MB。`,
    confirm: (what) => `要从这个浏览器中删除“${what}”吗？此操作无法撤销。`,
    confirmTitle: "从这个浏览器中删除？",
    deleted: (what) => `已删除：${what}。`,
    notDeleted: "没有删除任何内容：这个浏览器拒绝了操作。",
    forgetHeading: "自动删除我的回答",
    forgetLabel: "超过这么多天没有访问，就删除我的回答",
    forgetDays: "没有访问的天数（1到365）",
    forgetHelp:
      "适合共用的电脑。在这里打开本指南的任意页面就算一次访问。" +
      "在期限前的最后一天内访问会显示提醒；期限过后的第一次访问会删除你的回答。",
    forgetOn: (days, next) =>
      `已开启：${counted(days, "天")}没有访问后删除。请在${next}之前在这里打开本指南，` +
      "否则下次访问时你的回答会被删除。",
    forgetOff: "已关闭：你的回答会一直保留，直到你自己删除。",
    forgetBadDays: "请输入1到365之间的整数天数。",
    forgetFailed: "无法保存这项设置：这个浏览器拒绝了。",
  },
};
