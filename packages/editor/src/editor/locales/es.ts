import { PROJECT_PATH_MAX_LENGTH, PROJECT_PATH_MAX_LEVELS, formatsFor } from '@interview-kit/core';
import { PROJECT_FILE_LIMIT } from '../project-model.js';
import type { EditorStrings } from '../editor.strings.js';

const f = formatsFor('es');

/** `<interview-editor>` en español. */
export const EDITOR_STRINGS_ES: EditorStrings = {
  label: 'Código',
  readOnlySuffix: '(solo lectura)',
  language: 'Lenguaje',
  plainText: 'Texto sin formato',
  present: 'Presentes',
  you: '(usted)',
  status: {
    connecting: 'Conectando…',
    connected: 'Conectado, sincronizando…',
  },
  save: {
    saving: 'Guardando…',
    saved: 'Todos los cambios guardados',
    offline: 'Sin conexión: sus cambios se conservan y se sincronizarán cuando vuelva la conexión',
  },
  notSaved: {
    ended: 'No guardado: la entrevista ha finalizado',
    'read-only': 'No guardado: solo puede leer esta sesión',
    quota: 'No guardado: el documento alcanzó su tamaño máximo',
    other: (reason) => `No guardado: ${reason}`,
  },
  endedBanner: 'La entrevista ha finalizado. El código es de solo lectura.',
  keyboardHint: 'Tab añade sangría. Pulse Escape y luego Tab para salir del editor.',
  replay: 'Reproducción',
  play: 'Reproducir',
  pause: 'Pausa',
  speed: 'Velocidad',
  skipIdle: 'Omitir los tiempos muertos',
  position: 'Posición de la reproducción',
  positionOf: (position, duration) => `${position} / ${duration}`,
  speedFactor: (factor) => `${factor}×`,
  replayLoading: 'Cargando la reproducción…',
  replayEmpty: 'Todavía no se ha escrito nada.',
  replayFailed: (reason) => `No se pudo cargar la reproducción: ${reason}`,
  runs: 'Ejecuciones',
  runMark: (time, outcome) => `Ejecución en ${time}: ${outcome}`,
  latestRun: (time, name, outcome) => `Última ejecución, en ${time} por ${name}: ${outcome}`,
  noRunYet: 'Aún no hay ninguna ejecución en este momento.',
  testsOutcome: (failed, total) => {
    if (failed === 0) return total === 1 ? 'la prueba se superó' : `se superaron las ${f.number(total)} pruebas`;
    if (failed === total) return total === 1 ? 'la prueba falló' : `fallaron las ${f.number(total)} pruebas`;
    return `${f.plural(failed, { one: 'falló # de', other: 'fallaron # de' })} ${f.number(total)} pruebas`;
  },
  verdicts: {
    ok: 'finalizada',
    compile_error: 'error de compilación',
    runtime_error: 'error de ejecución',
    time_limit: 'límite de tiempo superado',
    memory_limit: 'límite de memoria superado',
    output_limit: 'límite de salida superado',
    internal_error: 'error interno',
  },
  files: {
    toggle: (count) => `Archivos (${f.number(count)})`,
    list: 'Archivos del proyecto',
    entry: 'principal',
    keyboardHint: 'Las flechas pasan de un archivo a otro, Intro lo abre, F2 le cambia el nombre y Supr lo elimina.',
    newFile: 'Archivo nuevo',
    newFileName: 'Nombre del archivo nuevo',
    create: 'Crear',
    renameTo: (path) => `Nuevo nombre para ${path}`,
    rename: (path) => `Cambiar el nombre de ${path}`,
    save: 'Cambiar nombre',
    delete: (path) => `Eliminar ${path}`,
    confirmDelete: (path) => `¿Eliminar ${path} para todos?`,
    confirm: 'Eliminar',
    cancel: 'Cancelar',
    openBy: (names) => `Abierto por ${names}`,
    problems: {
      empty: 'Ponga un nombre al archivo.',
      'too-long': `Una ruta tiene como máximo ${f.number(PROJECT_PATH_MAX_LENGTH)} caracteres.`,
      absolute: 'Una ruta es relativa al proyecto: sin «/» al principio.',
      'too-deep': `Una ruta tiene como máximo ${f.number(PROJECT_PATH_MAX_LEVELS)} partes (p. ej. a/b/c/archivo.py).`,
      'empty-part': 'Una ruta no tiene partes vacías («//» o una «/» al final).',
      'bad-part': 'Use letras, dígitos, «.», «_» y «-»; un nombre no empieza por «.» ni por «-».',
      exists: 'Ya existe un archivo con ese nombre.',
      clash: 'Un archivo y una carpeta no pueden llamarse igual.',
      limit: `Un proyecto tiene como máximo ${f.number(PROJECT_FILE_LIMIT)} archivos.`,
      missing: 'Ese archivo ya no existe.',
    },
    refused: (reason) => `El servidor no guardó el último cambio en los archivos: ${reason}`,
  },
};
