// qrcode's Node build, imported by path because inside workerd the bare "qrcode" import
// resolves to the browser build (no PNG). It has the same API as the package's main entry.
declare module "qrcode/lib/server.js" {
  import * as QR from "qrcode";
  export default QR;
}
