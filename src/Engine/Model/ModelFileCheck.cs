namespace LlamaCode.Engine.Model;

/// <summary>The managed checks a model file passes before llama.cpp ever reads it.</summary>
internal static class ModelFileCheck
{
    public static void Validate(string path)
    {
        if (!File.Exists(path)) throw new InvalidModelFileException(path, "no such file");
    }
}
