export { captureToPng } from './capture-png.ts';
export { createDeviceServer, type DeviceServerOptions, ISO_19794_4_MEDIA_TYPE } from './device-server.ts';
export {
  captureToFingerImageRecord,
  decodeFingerImageRecord,
  encodeFingerImageRecord,
  type FingerImageRecord,
  type FingerView,
  FirRecordError,
  viewImage,
} from './iso19794-4.ts';
export {
  imageSize,
  listScannerProfiles,
  loadScannerProfiles,
  ScannerProfileError,
  scannerProfile,
  scannerProfileNames,
} from './scanner-profile.ts';
export type { ScannerForm, ScannerProfile, ScannerTechnology } from './scanner-profile-types.ts';
export { sensorView } from './sensor-view.ts';
export * from './types.ts';
export { DEVICE, VirtualScanner, type VirtualScannerOptions } from './virtual-scanner.ts';
