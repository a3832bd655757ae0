import type { WhiteboardStrings } from '../whiteboard.strings.js';

/** `<interview-whiteboard>` بالعربية. */
export const WHITEBOARD_STRINGS_AR: WhiteboardStrings = {
  label: 'السبورة',
  readOnlySuffix: '(للقراءة فقط)',
  toolbar: 'أدوات الرسم',
  tools: {
    select: 'تحديد (V)',
    hand: 'تحريك (H)',
    pen: 'قلم (P)',
    line: 'خط (L)',
    arrow: 'سهم (A)',
    rect: 'مستطيل (R)',
    ellipse: 'شكل بيضاوي (O)',
    text: 'نص (T)',
    note: 'ملاحظة لاصقة (N)',
  },
  colours: 'اللون',
  colourNames: ['حبر', 'أحمر', 'أزرق', 'أخضر', 'برتقالي', 'بنفسجي'],
  undo: 'تراجع',
  redo: 'إعادة',
  delete: 'حذف',
  zoomIn: 'تكبير',
  zoomOut: 'تصغير',
  resetZoom: (zoom) => `إعادة ضبط التكبير (${zoom})`,
  exportPng: 'تصدير PNG',
  exportSvg: 'تصدير SVG',
  textInput: 'نص',
  keyboardHint:
    'الأدوات: V تحديد، H تحريك، P قلم، L خط، A سهم، R مستطيل، O شكل بيضاوي، T نص، N ملاحظة. Delete يحذف التحديد، Ctrl+Z للتراجع، Ctrl+Shift+Z للإعادة، زائد وناقص للتكبير والتصغير، اضغط مطولًا على المسافة واسحب للتحريك.',
  readOnlyNotice: 'السبورة للقراءة فقط.',
  empty: 'لم يُرسم شيء.',
  replayLoading: 'جارٍ تحميل الإعادة…',
  replayFailed: (reason) => `تعذّر تحميل الإعادة: ${reason}`,
  fileName: 'whiteboard',
};
