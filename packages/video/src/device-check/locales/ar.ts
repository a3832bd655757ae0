import type { DeviceProblemScope, DeviceCheckStrings } from '../device-check.strings.js';

const DEVICES: Record<DeviceProblemScope, string> = { camera: 'الكاميرا', microphone: 'الميكروفون', both: 'الكاميرا والميكروفون' };

/** `<interview-device-check>` بالعربية. */
export const DEVICE_CHECK_STRINGS_AR: DeviceCheckStrings = {
  region: 'فحص الكاميرا والميكروفون',
  prompt: 'افحص الكاميرا والميكروفون قبل المقابلة.',
  start: 'اختبار الكاميرا والميكروفون',
  starting: 'جارٍ تشغيل الكاميرا والميكروفون…',
  stop: 'إيقاف الكاميرا والميكروفون',
  retry: 'إعادة المحاولة',
  preview: 'معاينة الكاميرا',
  noPreview: 'لا توجد صورة من الكاميرا',
  level: 'مستوى الميكروفون',
  camera: 'الكاميرا',
  microphone: 'الميكروفون',
  problem: (scope, problem) => {
    const devices = DEVICES[scope];
    switch (problem) {
      case 'permission-denied':
        return `الوصول إلى ${devices} محظور. اسمح به في متصفحك (رمز الكاميرا في شريط العنوان)، ثم أعد المحاولة.`;
      case 'no-devices':
        return scope === 'both'
          ? 'لم يُعثر على كاميرا أو ميكروفون. وصّل أحدهما، ثم أعد المحاولة.'
          : `لم يُعثر على ${scope === 'camera' ? 'كاميرا' : 'ميكروفون'}. وصّل جهازًا، ثم أعد المحاولة.`;
      case 'device-in-use':
        return `يستخدم تطبيق آخر ${devices}. أغلقه، ثم أعد المحاولة.`;
      default:
        return `تعذّر تشغيل ${devices}. أعد المحاولة.`;
    }
  },
};
