using LlamaCode.Engine.Gguf;
using LlamaCode.ModelGenerator;

namespace LlamaCode.Engine.Tests.Dev;

public sealed class DevModelsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Creates_a_valid_model_once_and_then_reuses_it()
    {
        string path = DevModels.GetOrCreate(DevModelSize.Tiny, _temp.Path);
        var written = File.GetLastWriteTimeUtc(path);

        string again = DevModels.GetOrCreate(DevModelSize.Tiny, _temp.Path);

        Assert.Equal(path, again);
        Assert.Equal(written, File.GetLastWriteTimeUtc(again));
        Assert.Equal(Path.Combine(_temp.Path, DevModels.FileName(DevModelSize.Tiny)), path);
        Assert.Equal("llama", GgufValidator.Validate(path).Architecture);
    }

    [Fact]
    public void File_name_carries_size_and_generator_version()
    {
        Assert.Equal($"llamacode-dev-small-v{DevModelGenerator.Version}.gguf", DevModels.FileName(DevModelSize.Small));
    }

    [Fact]
    public void Concurrent_callers_all_get_the_same_complete_file_and_no_temp_files_remain()
    {
        var paths = Enumerable.Range(0, 4).AsParallel().Select(_ => DevModels.GetOrCreate(DevModelSize.Tiny, _temp.Path)).ToArray();

        Assert.Single(paths.Distinct());
        Assert.Equal([DevModels.FileName(DevModelSize.Tiny)], Directory.GetFiles(_temp.Path).Select(Path.GetFileName));
        GgufValidator.Validate(paths[0]);
    }

    [Fact]
    public void Cache_folder_is_the_configured_one_else_the_repo_cache_else_the_user_cache()
    {
        Assert.Equal(_temp.Path, DevModels.ResolveCacheFolder(_temp.Path, "/"));

        string repo = _temp.File("repo");
        string bin = Path.Combine(repo, "tests", "bin", "Release");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(repo, "LlamaCode.sln"), "");
        Assert.Equal(Path.Combine(repo, ".cache", "models"), DevModels.ResolveCacheFolder(null, bin));

        string outside = _temp.File("elsewhere");
        Directory.CreateDirectory(outside);
        string user = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        Assert.Equal(Path.Combine(user, ".cache", "llamacode", "models"), DevModels.ResolveCacheFolder("  ", outside));
    }
}
