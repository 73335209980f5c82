// yazl ships no types; the download test only calls addBuffer/end/outputStream.
declare module 'yazl';
