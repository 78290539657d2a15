// Every native call is source-generated (LibraryImport) over blittable types only.
[assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]
